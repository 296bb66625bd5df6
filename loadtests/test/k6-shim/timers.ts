// `k6/timers`: the same functions as the browser's, Node's here.
const { setTimeout, clearTimeout } = globalThis;
export { setTimeout, clearTimeout };
