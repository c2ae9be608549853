/**
 * Options for zod when rule data is validated: once per file, at start-up. zod compiles a fast
 * path for an object schema on its first parse (code generation), which pays off over many
 * parses and only costs here: without it, loading the rules is ~10 % faster.
 */
export const ONE_PARSE = { jitless: true } as const;
