// Schemas of sign-in, the session's account, and the administration of accounts and the audit log.
import { Type } from '@sinclair/typebox';

export const UsernameSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,31}$',
  description: '3–32 lower-case letters, digits, dot, dash or underscore',
});
export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('leader'),
  Type.Literal('planner'),
  Type.Literal('staff'),
]);

export const LoginSchema = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const AccountSchema = Type.Object({
  username: Type.String(),
  display_name: Type.String(),
  role: RoleSchema,
  unit_id: Type.String(),
  unit_name: Type.String(),
  active: Type.Boolean(),
  demo: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** An account as the admin screen lists it: with its open sessions and whether its sign-in is locked. */
export const AdminAccountSchema = Type.Intersect([
  AccountSchema,
  Type.Object({
    sessions: Type.Number(),
    /** until when sign-in is refused after too many wrong passwords (ISO time), or null */
    locked_until: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const MeSchema = Type.Object({
  account: AccountSchema,
  /** send back in the x-csrf-token header on every POST, PATCH and DELETE */
  csrf_token: Type.String(),
  expires_at: Type.String(),
  /** what the account may do: read, export, ingest, admin */
  can: Type.Array(Type.String()),
  /** the units the account may choose: its own and below, and the one above (totals only) */
  units: Type.Array(
    Type.Object({ unit_id: Type.String(), name: Type.String(), level: Type.String(), totals_only: Type.Boolean() }),
  ),
});

export const PasswordChangeSchema = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 200 }), next: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const AccountCreateSchema = Type.Object(
  {
    username: UsernameSchema,
    display_name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    unit_id: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const AccountUpdateSchema = Type.Object(
  {
    display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    unit_id: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PasswordResetSchema = Type.Object(
  { password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const UsernameParamsSchema = Type.Object({ username: UsernameSchema });

export const AuditQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    account: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ pattern: '^[a-z_]{1,32}$' })),
    unit: Type.Optional(Type.String({ maxLength: 40 })),
    route: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  },
  { additionalProperties: false },
);

export const AuditRowSchema = Type.Object({
  seq: Type.Number(),
  at: Type.String(),
  account: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  method: Type.Union([Type.String(), Type.Null()]),
  route: Type.Union([Type.String(), Type.Null()]),
  params: Type.Union([Type.String(), Type.Null()]),
  units: Type.Array(Type.String()),
  rows: Type.Union([Type.Number(), Type.Null()]),
  status: Type.Union([Type.Number(), Type.Null()]),
  format: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Union([Type.Number(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  prev_hash: Type.String(),
  hash: Type.String(),
});

export const AuditAnswerSchema = Type.Object({
  total: Type.Number(),
  rows: Type.Array(AuditRowSchema),
  chain: Type.Object({ ok: Type.Boolean(), rows: Type.Number(), broken_at: Type.Union([Type.Number(), Type.Null()]) }),
});
