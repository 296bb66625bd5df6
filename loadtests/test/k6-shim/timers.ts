// `k6/timers`: the same functions as the browser's, Node's here.
const { setTimeout, clearTimeout, setInterval, clearInterval } = globalThis;
export { setTimeout, clearTimeout, setInterval, clearInterval };
