import type { Strings } from '../domain/i18n';

/** The problems every registry form (forums, activities) shares under its fields. */
export type CommonFieldProblem = { kind: 'required' } | { kind: 'too_long'; max: number } | { kind: 'invalid_choice' } | { kind: 'invalid_date' };

const COMMON_KINDS: ReadonlySet<string> = new Set<CommonFieldProblem['kind']>(['required', 'too_long', 'invalid_choice', 'invalid_date']);

export function isCommonFieldProblem<P extends { kind: string }>(problem: P | CommonFieldProblem): problem is CommonFieldProblem {
  return COMMON_KINDS.has(problem.kind);
}

/** What a shared problem says under its field, in the user's language. */
export function commonProblemText(t: Strings, problem: CommonFieldProblem): string {
  return problem.kind === 'too_long' ? t.problems.too_long(problem.max) : t.problems[problem.kind];
}
