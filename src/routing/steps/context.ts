import type { Draws } from '../../domain/seededDraws.js';

/** What a step may use besides the view and the request: the command's time and seeded draws. */
export interface StepContext {
  readonly now: number;
  readonly draws: Draws;
}
