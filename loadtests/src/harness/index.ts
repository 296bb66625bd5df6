// The exam-day harness shared by the durability tests and the benchmark: real processes, a
// test-owned redis-server, cut-able proxies, scripted participants and the Postgres audit.
export { Redis } from 'ioredis';
export {
  createTestDatabase,
  deleteRedisPrefix,
  uniqueRedisPrefix,
  type TestDatabase,
} from '@petakom/db/testing';
export { auditAnswers, type AuditResult } from './audit.ts';
export { spawnOwned, type OwnedProcess } from './child.ts';
export { freePort } from './ports.ts';
export { commandCpuSeconds, machineCores, machineCpu, readProcStats, type ProcStats } from './proc-stats.ts';
export { referenceWorkMs } from './host-speed.ts';
export { pcts, percentile } from './percentiles.ts';
export { printTable, type Row } from './print-table.ts';
export { paceAnswers, type PacedAnswers } from './pace.ts';
export { Participant, latestAcked, type AckedAnswer, type Credentials } from './participant.ts';
export {
  repoRoot,
  startServerProcess,
  startWorkerProcess,
  type PlatformEnv,
  type ServerProcess,
} from './platform.ts';
export { startOwnedRedis, type OwnedRedis } from './redis-server.ts';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
export { drainBacklog, waitForDrain } from './drain-status.ts';
export { createLoadFixture, type LoadFixture, type LoadSession, type LoadSeat } from './fixture.ts';
export { loadTestNip } from './nip.ts';
export { startLoadGenerators, type LoadGenerators } from './loadgen.ts';
export type { AnswerReport, CollectReport, LoginReport, ResumedReport } from './loadgen-protocol.ts';
export { watchRooms, type RoomWatchers } from './proctors.ts';
export type { LoadProctor } from './fixture.ts';
