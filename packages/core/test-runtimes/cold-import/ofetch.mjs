// Cold-import fixture for bench/: ofetch alone, resolved from the core's own dependencies.
export * from 'ofetch';
