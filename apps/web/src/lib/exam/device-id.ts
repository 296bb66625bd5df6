// The device id: made once per browser and kept, so the server can lock an attempt to one PC.
const KEY = 'petakom.deviceId';

export function deviceId(storage: Storage = localStorage): string {
  const existing = storage.getItem(KEY);
  if (existing && existing.length >= 8) return existing;
  const id = crypto.randomUUID();
  storage.setItem(KEY, id);
  return id;
}
