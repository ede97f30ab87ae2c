/**
 * splitmix32: a Weyl sequence passed through murmur3's finaliser. Used to spread one 32-bit seed over a
 * larger generator state (any seed, including 0, gives a well-mixed state).
 */
export function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}
