import type { Lang } from '@zen-leads/history';

/**
 * A text written in every language the CLI speaks, kept next to what it describes (an option,
 * a command): a language left out fails the typecheck.
 */
export type Localized<T = string> = Readonly<Record<Lang, T>>;
