/** Schemas of /api/session and /api/users. */
import { z } from 'zod';
import { ROLES } from '../../domain/ids.js';
import { MIN_PASSWORD_LENGTH, PASSWORD_IS_USERNAME, passwordIsUsername, USERNAME_PATTERN, USERNAME_RULE } from '../../domain/password-policy.js';
import { Timestamp } from './common.js';

/** The length rule is checked on the field itself, so it is reported together with other fields' errors. */
const Password = z
  .string()
  .refine((p) => [...p].length >= MIN_PASSWORD_LENGTH, { message: `Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.` })
  .refine((p) => p.length <= 1024, { message: 'Höchstens 1024 Zeichen.' });

export const SignInBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

export const SessionUserSchema = z.object({ id: z.number().int(), username: z.string(), role: z.enum(ROLES) });

export const SessionSchema = z.object({
  user: SessionUserSchema,
  expiresAt: Timestamp.describe('Spätestes Ende der Sitzung; bei Untätigkeit endet sie früher'),
});

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });

export const UserListSchema = z.object({ items: z.array(UserSchema) });

export const CreateUserBody = z
  .strictObject({
    username: z.string().regex(USERNAME_PATTERN, { message: USERNAME_RULE }),
    password: Password,
    role: z.enum(ROLES),
  })
  .superRefine((body, ctx) => {
    // The length rule is on the field; here only the rule that needs both fields.
    if (passwordIsUsername(body.username, body.password)) ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_IS_USERNAME });
  });

export const PatchUserBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'Mindestens ein Feld zum Ändern angeben.',
    // Only when the fields themselves are fine: an unknown field is reported on its own.
    when: (payload) => payload.issues.length === 0,
  });
