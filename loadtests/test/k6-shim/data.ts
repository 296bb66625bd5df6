// `k6/data`: a SharedArray is the array its function builds (one VM here, nothing to share).
export const SharedArray = function (_name: string, build: () => unknown[]) {
  return build();
} as unknown as new (name: string, build: () => unknown[]) => unknown[];
