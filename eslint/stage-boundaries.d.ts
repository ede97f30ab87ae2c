import type { ESLint } from 'eslint';

export interface StageRule {
  imports: string[];
  types?: string[];
  entries?: string[];
  leafImports?: boolean;
  job: string;
}
export declare const STAGES: Record<string, StageRule>;
export declare const EXCEPTIONS: { from: string; to: string; why: string }[];
declare const plugin: ESLint.Plugin;
export default plugin;
