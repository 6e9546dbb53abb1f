/** A made-up token for the simulator, named for the test that uses it (never a real secret). */
export function fixtureToken(label: string): string {
	return `fixture-${label}`;
}
