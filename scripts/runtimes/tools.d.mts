// Types of tools.mjs, for the TypeScript test helpers that find the cached runtimes.
export type ToolName = 'bun' | 'deno' | 'node22' | 'better-sqlite3';
export declare const toolsCache: string;
export declare const TOOL_NAMES: ToolName[];
export declare function toolFolder(name: ToolName): string;
export declare function toolPath(name: ToolName): string;
export declare function betterSqlite3NodePath(): string;
export declare function requireTool(name: ToolName): string;
export declare function installTool(name: ToolName): string;
