// Typed socket.io namespaces of this server.
import type {
  ExamClientToServerEvents,
  ExamServerToClientEvents,
  ProctorClientToServerEvents,
  ProctorServerToClientEvents,
} from '@petakom/protocol';
import type { Namespace, Socket } from 'socket.io';

export interface ExamSocketData {
  attemptId: string;
  participantId: string;
  sessionId: string;
  deviceId: string;
}

export interface ProctorSocketData {
  staffUserId: string;
  roles: string[];
}

export type ExamNamespace = Namespace<
  ExamClientToServerEvents,
  ExamServerToClientEvents,
  Record<string, never>,
  ExamSocketData
>;
export type ExamSocket = Socket<
  ExamClientToServerEvents,
  ExamServerToClientEvents,
  Record<string, never>,
  ExamSocketData
>;
export type ProctorNamespace = Namespace<
  ProctorClientToServerEvents,
  ProctorServerToClientEvents,
  Record<string, never>,
  ProctorSocketData
>;
export type ProctorSocket = Socket<
  ProctorClientToServerEvents,
  ProctorServerToClientEvents,
  Record<string, never>,
  ProctorSocketData
>;

export const attemptRoom = (attemptId: string) => `attempt:${attemptId}`;
/** One device's sockets of an attempt: the others can be told apart without asking every process. */
export const deviceRoom = (attemptId: string, deviceId: string) => `attempt:${attemptId}:device:${deviceId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const proctorRoom = (sessionId: string) => `proctor:${sessionId}`;
