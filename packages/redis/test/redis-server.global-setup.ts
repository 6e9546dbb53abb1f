/**
 * Starts a throwaway redis-server for this package's tests (scripts/redis installs it when
 * missing) and hands its URL to the tests as `inject('redisUrl')`. Set ZEN_TEST_REDIS_URL to
 * use a server you already run instead; tests only touch keys under their own random prefix.
 */
export { default } from '@zen-leads/test-support/redis-server';
