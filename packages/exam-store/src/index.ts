// @petakom/exam-store — the Redis layout of live exam state: key names, atomic Lua scripts and the
// answer-log stream format shared with the worker's drain.
export * from './archive.ts';
export * from './backlog.ts';
export * from './item-order.ts';
export * from './keys.ts';
export * from './redis-clock.ts';
export * from './store.ts';
export * from './stream.ts';
export { SCRIPTS } from './scripts.ts';
export * from './room-feed.ts';
