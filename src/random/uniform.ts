/** A source of uniforms in [0, 1). Every sampler in src/random takes one, so any generator serves any sampler. */
export type Uniform = () => number;

/** A source of standard normals (e.g. a polar-method source that keeps its spare value). */
export type NormalSource = () => number;
