/**
 * A throwaway redis-server for the token-leak audit (scripts/redis installs it when missing),
 * handed to the tests as `inject('redisUrl')`. ZEN_TEST_REDIS_URL points the suite at a server
 * you already run; the audit only touches keys under its own random prefix.
 */
export { default } from '@zen-leads/test-support/redis-server';
