/**
 * A node or trigger parameter that cannot be used as set, found before anything is sent. The
 * node turns it into a `NodeOperationError` whose message is `problem` and whose description
 * is `hint`; both name the parameter as the editor shows it ("Date", "Max Wait (Minutes)").
 */
export class FieldError extends Error {
	override name = 'FieldError';

	constructor(
		/** The parameter's display name. */
		readonly field: string,
		/** What is wrong, one sentence. */
		readonly problem: string,
		/** How to fix it, naming the editor's fields. */
		readonly hint: string,
	) {
		super(problem);
	}
}
