// `k6/execution`: the test sets which VU the next call of a scenario's default function is.
const exec = {
  vu: { idInTest: 1 },
  scenario: { startTime: Date.now() },
};
export default exec;
