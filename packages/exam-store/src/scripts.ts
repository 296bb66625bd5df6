// Lua scripts of the exam state. Each runs atomically on one slot and reads the Redis server clock,
// so every server process agrees on time and on the outcome.
import { CLOSED_ATTEMPT_STATUSES } from '@petakom/domain';

// Shared helpers, prepended to every script.
const PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local FINAL = { ${CLOSED_ATTEMPT_STATUSES.map((s) => `${s} = true`).join(', ')} }
local function ms(n) return string.format('%d', n) end
local function sections_of(att)
  return cjson.decode(redis.call('HGET', att, 'sections') or '[]')
end
-- Next time the sweep must look at this attempt: the open section's deadline or the attempt's end.
local function reschedule(att, due, id)
  local h = redis.call('HMGET', att, 'status', 'paused', 'cur', 'end')
  if FINAL[h[1]] or h[1] == 'prepared' or h[2] == '1' then
    redis.call('ZREM', due, id)
    return
  end
  local nextDue = nil
  if h[3] and h[3] ~= '' then nextDue = tonumber(redis.call('HGET', att, 'dl:' .. h[3])) end
  local e = tonumber(h[4] or '0') or 0
  if e > 0 and (nextDue == nil or e < nextDue) then nextDue = e end
  if nextDue then redis.call('ZADD', due, ms(nextDue), id) else redis.call('ZREM', due, id) end
end
local function close_section(att, alog, id, key, reason, t)
  redis.call('HSET', att, 's:' .. key, 'closed', 'cur', '')
  redis.call('XADD', alog, '*', 'k', 'section_closed', 'a', id, 't', ms(t),
    'x', cjson.encode({ section = key, reason = reason }))
end
local function close_attempt(att, alog, id, status, reason, t)
  local cur = redis.call('HGET', att, 'cur')
  if cur and cur ~= '' then close_section(att, alog, id, cur, reason, t) end
  redis.call('HSET', att, 'status', status, 'closedAt', ms(t), 'closeReason', reason)
  redis.call('XADD', alog, '*', 'k', 'attempt_closed', 'a', id, 't', ms(t),
    'x', cjson.encode({ status = status, reason = reason }))
end
local function all_closed(att)
  for _, k in ipairs(sections_of(att)) do
    if redis.call('HGET', att, 's:' .. k) ~= 'closed' then return false end
  end
  return true
end
`;

/**
 * KEYS att, items, alog. ARGV attemptId, itemId, kind (answer|flag), valueJson (answer), seq, doubtful (flag).
 * The hottest script: the item's section is looked up first so that everything else it needs of the
 * attempt comes in one HMGET and goes back in one HSET (Redis's cost per call, not per field, is
 * what a script of many small reads spends its time on).
 */
const WRITE_ITEM = `
local att, items, alog = KEYS[1], KEYS[2], KEYS[3]
local id, itemId, kind, valueJson, seq, doubtful = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local meta = redis.call('HGET', items, itemId)
if not meta then
  local status = redis.call('HGET', att, 'status')
  if not status then return { 'NOT_FOUND' } end
  if FINAL[status] then return { 'ATTEMPT_FINISHED' } end
  return { 'ITEM_NOT_IN_SECTION' }
end
local sep = string.find(meta, '\\31', 1, true)
local section = string.sub(meta, 1, sep - 1)
local field = 'a:' .. itemId
local h = redis.call('HMGET', att, 'status', 'paused', 's:' .. section, 'dl:' .. section, field, '#answered')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
local sst = h[3]
if sst == 'pending' then return { 'SECTION_NOT_STARTED' } end
if sst ~= 'open' then return { 'SECTION_CLOSED' } end
if h[2] == '1' then return { 'ATTEMPT_PAUSED' } end
local t = now_ms()
if t >= tonumber(h[4]) then return { 'SECTION_CLOSED' } end
if kind == 'answer' and valueJson ~= 'null' and not string.find(meta, '\\31' .. valueJson .. '\\31', sep, true) then
  return { 'INVALID_VALUE' }
end
local stored = h[5]
local curV, curS, curD = 'null', 0, 'false'
if stored then
  local v, s, d = string.match(stored, '^{"v":(.*),"s":(%d+),"d":(%a+)}$')
  curV, curS, curD = v, tonumber(s), d
end
local newV, newD = curV, curD
if kind == 'answer' then newV = valueJson else newD = (doubtful == '1') and 'true' or 'false' end
local record = '{"v":' .. newV .. ',"s":' .. seq .. ',"d":' .. newD .. '}'
local n = tonumber(seq)
if stored and n <= curS then
  if n == curS and record == stored then return { 'OK', 1, t } end
  return { 'STALE_SEQUENCE' }
end
-- The seat's answered count, kept here so a proctor's tile never scans the answers. An attempt
-- prepared before the count existed has no field; SEAT counts those by scanning.
-- The count goes back with the acknowledgement: the proctor's tile takes it from there (-1: no count).
local answered = tonumber(h[6] or '-1')
if (newV ~= 'null') ~= (curV ~= 'null') and h[6] then
  answered = answered + ((newV ~= 'null') and 1 or -1)
  redis.call('HSET', att, field, record, 'seen', ms(t), '#answered', answered)
else
  redis.call('HSET', att, field, record, 'seen', ms(t))
end
redis.call('XADD', alog, '*', 'k', kind, 'a', id, 'i', itemId, 's', seq, 'v', newV,
  'd', (newD == 'true') and '1' or '0', 't', ms(t))
return { 'OK', 0, t, answered }
`;

/**
 * KEYS att, alog, due. ARGV attemptId, sectionKey. Replies with the deadline, the time, whether it
 * started now, and the section as the participant takes it (battery, item order, the form the order
 * is written against): section:start costs one round trip, not a second read of the whole attempt.
 */
const START_SECTION = `
local att, alog, due = KEYS[1], KEYS[2], KEYS[3]
local id, key = ARGV[1], ARGV[2]
local h = redis.call('HMGET', att, 'status', 'paused', 'cur', 'end')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
local sst = redis.call('HGET', att, 's:' .. key)
if not sst then return { 'NOT_FOUND' } end
local t = now_ms()
local function taken(dl, started)
  local bo = redis.call('HMGET', att, 'bid', 'o:' .. key, 'ik')
  return { 'OK', dl, t, started, bo[1] or '', bo[2] or '[]', bo[3] or '' }
end
if sst == 'open' then return taken(tonumber(redis.call('HGET', att, 'dl:' .. key)), 0) end
if sst == 'closed' then return { 'SECTION_CLOSED' } end
if h[2] == '1' then return { 'ATTEMPT_PAUSED' } end
if h[3] and h[3] ~= '' then return { 'SECTION_OUT_OF_ORDER' } end
for _, k in ipairs(sections_of(att)) do
  if k == key then break end
  if redis.call('HGET', att, 's:' .. k) ~= 'closed' then return { 'SECTION_OUT_OF_ORDER' } end
end
local e = tonumber(h[4] or '0') or 0
if e > 0 and t >= e then return { 'SECTION_CLOSED' } end
local dl = t + tonumber(redis.call('HGET', att, 'l:' .. key))
if h[1] == 'prepared' then
  redis.call('HSET', att, 'status', 'in_progress', 'startedAt', ms(t))
  redis.call('XADD', alog, '*', 'k', 'attempt_started', 'a', id, 't', ms(t), 'x', '{}')
end
redis.call('HSET', att, 's:' .. key, 'open', 'dl:' .. key, ms(dl), 'at:' .. key, ms(t), 'cur', key, 'seen', ms(t))
redis.call('XADD', alog, '*', 'k', 'section_started', 'a', id, 't', ms(t),
  'x', cjson.encode({ section = key, deadline = dl }))
reschedule(att, due, id)
return taken(dl, 1)
`;

/** KEYS att, alog, due. ARGV attemptId, sectionKey, reason. Closing the last section closes the attempt. */
const FINISH_SECTION = `
local att, alog, due = KEYS[1], KEYS[2], KEYS[3]
local id, key, reason = ARGV[1], ARGV[2], ARGV[3]
local status = redis.call('HGET', att, 'status')
if not status then return { 'NOT_FOUND' } end
if FINAL[status] then return { 'ATTEMPT_FINISHED' } end
local sst = redis.call('HGET', att, 's:' .. key)
if not sst then return { 'NOT_FOUND' } end
if sst == 'pending' then return { 'SECTION_NOT_STARTED' } end
local t = now_ms()
if sst == 'open' then close_section(att, alog, id, key, reason, t) end
local closed = 0
if all_closed(att) then
  close_attempt(att, alog, id, 'finished', reason, t)
  closed = 1
end
reschedule(att, due, id)
return { 'OK', closed, t }
`;

/** KEYS att, alog, due. ARGV attemptId, status (finished|force_finished|timed_out), reason. */
const FINISH_ATTEMPT = `
local att, alog, due = KEYS[1], KEYS[2], KEYS[3]
local id, status, reason = ARGV[1], ARGV[2], ARGV[3]
local cur = redis.call('HGET', att, 'status')
if not cur then return { 'NOT_FOUND' } end
if FINAL[cur] then return { 'OK', cur, 0 } end
close_attempt(att, alog, id, status, reason, now_ms())
reschedule(att, due, id)
return { 'OK', status, 1 }
`;

/** KEYS due. ARGV limit, leaseMs. Takes due attempt ids and hides them from other sweepers for the lease. */
const CLAIM_DUE = `
local t = now_ms()
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ms(t), 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ms(t + tonumber(ARGV[2])), id) end
return ids
`;

/** KEYS att, alog, due. ARGV attemptId. Closes what is past its deadline, by the server clock; idempotent. */
const CLOSE_DUE = `
local att, alog, due = KEYS[1], KEYS[2], KEYS[3]
local id = ARGV[1]
local h = redis.call('HMGET', att, 'status', 'paused', 'cur', 'end')
if not h[1] or FINAL[h[1]] or h[1] == 'prepared' or h[2] == '1' then
  redis.call('ZREM', due, id)
  return { 'NONE' }
end
local t = now_ms()
local e = tonumber(h[4] or '0') or 0
if e > 0 and t >= e then
  close_attempt(att, alog, id, 'timed_out', 'deadline', t)
  reschedule(att, due, id)
  return { 'ATTEMPT', h[3] or '' }
end
if h[3] and h[3] ~= '' and t >= tonumber(redis.call('HGET', att, 'dl:' .. h[3])) then
  close_section(att, alog, id, h[3], 'deadline', t)
  if all_closed(att) then
    close_attempt(att, alog, id, 'timed_out', 'deadline', t)
    reschedule(att, due, id)
    return { 'ATTEMPT', h[3] }
  end
  reschedule(att, due, id)
  return { 'SECTION', h[3] }
end
reschedule(att, due, id)
return { 'NONE' }
`;

/** KEYS att, due. ARGV attemptId, at (ms, one clock reading for a whole room). */
const PAUSE = `
local att, due = KEYS[1], KEYS[2]
local h = redis.call('HMGET', KEYS[1], 'status', 'paused')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
if h[2] == '1' then return { 'OK', 0 } end
redis.call('HSET', att, 'paused', '1', 'pausedAt', ARGV[2])
redis.call('ZREM', due, ARGV[1])
return { 'OK', 1 }
`;

/** KEYS att, due. ARGV attemptId, at. Moves the open section's deadline and the end by the paused time. */
const RESUME = `
local att, due = KEYS[1], KEYS[2]
local h = redis.call('HMGET', att, 'status', 'paused', 'pausedAt', 'cur', 'end')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
if h[2] ~= '1' then return { 'OK', 0 } end
local delta = math.max(0, tonumber(ARGV[2]) - tonumber(h[3]))
if h[4] and h[4] ~= '' then
  redis.call('HSET', att, 'dl:' .. h[4], ms(tonumber(redis.call('HGET', att, 'dl:' .. h[4])) + delta))
end
local e = tonumber(h[5] or '0') or 0
if e > 0 then redis.call('HSET', att, 'end', ms(e + delta)) end
redis.call('HSET', att, 'paused', '0', 'pausedAt', '')
reschedule(att, due, ARGV[1])
return { 'OK', delta }
`;

/** KEYS att, due. ARGV attemptId, extraMs. Extra time for the open section (and the attempt's end). */
const EXTEND = `
local att, due = KEYS[1], KEYS[2]
local h = redis.call('HMGET', att, 'status', 'cur', 'end')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
if not h[2] or h[2] == '' then return { 'SECTION_NOT_STARTED' } end
local extra = tonumber(ARGV[2])
local dl = tonumber(redis.call('HGET', att, 'dl:' .. h[2])) + extra
redis.call('HSET', att, 'dl:' .. h[2], ms(dl))
local e = tonumber(h[3] or '0') or 0
if e > 0 then redis.call('HSET', att, 'end', ms(e + extra)) end
reschedule(att, due, ARGV[1])
return { 'OK', dl }
`;

/**
 * KEYS att. ARGV deviceId. One device per attempt; the same device may come back. Replies the
 * attempt's status too, so a login needs no read of its own.
 */
const CLAIM_DEVICE = `
local h = redis.call('HMGET', KEYS[1], 'status', 'dev', 'handover')
if not h[1] then return { 'NOT_FOUND' } end
if FINAL[h[1]] then return { 'ATTEMPT_FINISHED' } end
if h[2] and h[2] ~= '' and h[2] ~= ARGV[1] then return { 'DEVICE_LOCKED' } end
redis.call('HSET', KEYS[1], 'dev', ARGV[1])
if h[3] then
  redis.call('HDEL', KEYS[1], 'handover')
  return { 'OK', 1, h[1] }
end
return { 'OK', 0, h[1] }
`;

/** KEYS alog. ARGV attemptId, incident kind, detail JSON. */
const INCIDENT = `
local t = now_ms()
redis.call('XADD', KEYS[1], '*', 'k', 'incident', 'a', ARGV[1], 't', ms(t), 'x', ARGV[3])
return { 'OK', t }
`;

/**
 * KEYS att, formItems, sessionSet. ARGV attemptId, n, n attempt field/value pairs, then item pairs.
 * Never overwrites live state. The form's item map is written by the first attempt of the form in
 * the shard; the others find it (same digest, same content). One HSET per hash, not per field.
 */
const PREPARE = `
local att, items, sess = KEYS[1], KEYS[2], KEYS[3]
if redis.call('EXISTS', att) == 1 then return { 'OK', 0 } end
-- unpack() is limited by Lua's C stack (8,000 values): 500 pairs at a time.
local function hset_pairs(key, from, to)
  for i = from, to, 1000 do redis.call('HSET', key, unpack(ARGV, i, math.min(i + 999, to))) end
end
local last = 2 + 2 * tonumber(ARGV[2])
hset_pairs(att, 3, last)
if last < #ARGV and redis.call('EXISTS', items) == 0 then hset_pairs(items, last + 1, #ARGV) end
redis.call('SADD', sess, ARGV[1])
return { 'OK', 1 }
`;

/**
 * KEYS att. What a proctor's seat tile needs — who, where, each section's state and how many items
 * hold an answer — read field by field: a few hundred bytes, and no walk over the ~30 KB hash (which
 * cost Redis 140 µs a call, ten answers' worth, once per changed seat and second). WRITE_ITEM keeps
 * `#answered`; an attempt prepared before it did is counted the old way, from `{"v":<value>,…}`
 * (a cleared answer or a flag alone has `"v":null`).
 */
const SEAT = `
local att = KEYS[1]
local h = redis.call('HMGET', att, 'status', 'sid', 'cur', 'dev', 'seen', 'meta', 'sections', '#answered')
if not h[1] then return {} end
local out = { 'status', h[1], 'sid', h[2] or '', 'cur', h[3] or '', 'dev', h[4] or '', 'meta', h[6] or '[]' }
if h[5] then
  out[#out + 1] = 'seen'
  out[#out + 1] = h[5]
end
for _, k in ipairs(cjson.decode(h[7] or '[]')) do
  local s = redis.call('HMGET', att, 's:' .. k, 'dl:' .. k)
  if s[1] then
    out[#out + 1] = 's:' .. k
    out[#out + 1] = s[1]
  end
  if s[2] then
    out[#out + 1] = 'dl:' .. k
    out[#out + 1] = s[2]
  end
end
local answered = h[8]
if not answered then
  answered = 0
  local all = redis.call('HGETALL', att)
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == 'a:' and string.sub(all[i + 1], 1, 9) ~= '{"v":null' then
      answered = answered + 1
    end
  end
end
out[#out + 1] = '#answered'
out[#out + 1] = tostring(answered)
return out
`;

function script(numberOfKeys: number, body: string) {
  return { numberOfKeys, lua: PRELUDE + body };
}

export const SCRIPTS = {
  pkWriteItem: script(3, WRITE_ITEM),
  pkStartSection: script(3, START_SECTION),
  pkFinishSection: script(3, FINISH_SECTION),
  pkFinishAttempt: script(3, FINISH_ATTEMPT),
  pkClaimDue: script(1, CLAIM_DUE),
  pkCloseDue: script(3, CLOSE_DUE),
  pkPause: script(2, PAUSE),
  pkResume: script(2, RESUME),
  pkExtend: script(2, EXTEND),
  pkClaimDevice: script(1, CLAIM_DEVICE),
  pkIncident: script(1, INCIDENT),
  pkPrepare: script(3, PREPARE),
  pkSeat: script(1, SEAT),
} as const;

export type ScriptName = keyof typeof SCRIPTS;
