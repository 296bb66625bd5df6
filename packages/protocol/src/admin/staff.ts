// REST DTOs of staff accounts: login, session, own profile, password change, account management.
import { z } from 'zod';

export const STAFF_ROLE_NAMES = ['admin', 'bkd', 'assessor', 'proctor'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLE_NAMES);
export type StaffRoleName = z.infer<typeof staffRoleSchema>;

/** httpOnly, SameSite=Strict cookie holding the staff session token. */
export const STAFF_SESSION_COOKIE = 'petakom_staff';
/** Header carrying the CSRF token on every POST/PUT/PATCH/DELETE of a staff session. */
export const STAFF_CSRF_HEADER = 'x-csrf-token';

/** Staff login attempts per minute, per client IP and per username; then an account lockout. */
export const STAFF_LOGIN_PER_IP_PER_MINUTE = 30;
export const STAFF_LOGIN_PER_USERNAME_PER_MINUTE = 10;
export const STAFF_LOCKOUT_AFTER_FAILURES = 5;
export const STAFF_LOCKOUT_MINUTES = 15;
export const STAFF_PASSWORD_MIN_LENGTH = 10;

export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((s) => s.toLowerCase());

export const staffLoginRequestSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().min(1).max(256),
});
export type StaffLoginRequest = z.input<typeof staffLoginRequestSchema>;

export const staffProfileSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(staffRoleSchema),
  agencyId: z.string().nullable(),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;

/** Login and `GET /api/v1/staff/me` answer the same: who you are and the CSRF token to send back. */
export const staffSessionResponseSchema = z.object({
  ok: z.literal(true),
  staff: staffProfileSchema,
  csrfToken: z.string(),
  expiresAt: z.number().int(),
});
export type StaffSessionResponse = z.infer<typeof staffSessionResponseSchema>;

export const passwordSchema = z.string().min(STAFF_PASSWORD_MIN_LENGTH).max(256);

export const passwordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

export const okResponseSchema = z.object({ ok: z.literal(true) });

export const staffUserSchema = staffProfileSchema.extend({
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const staffUserListResponseSchema = z.object({ ok: z.literal(true), users: z.array(staffUserSchema) });

export const staffUserCreateRequestSchema = z.strictObject({
  username: usernameSchema.pipe(z.string().regex(/^[a-z0-9._-]+$/, 'huruf kecil, angka, . _ -')),
  fullName: z.string().trim().min(1).max(200),
  password: passwordSchema,
  roles: z.array(staffRoleSchema).min(1),
});

export const staffUserUpdateRequestSchema = z.strictObject({
  fullName: z.string().trim().min(1).max(200).optional(),
  roles: z.array(staffRoleSchema).min(1).optional(),
  disabled: z.boolean().optional(),
  /** Clears a lockout. */
  unlock: z.literal(true).optional(),
  /** Sets a new password (the user's sessions are revoked). */
  password: passwordSchema.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const staffUserResponseSchema = z.object({ ok: z.literal(true), user: staffUserSchema });

export const idParamsSchema = z.object({ id: z.uuid() });
