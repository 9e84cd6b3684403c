import { AppError } from '@fareway/domain';
import type { Deps } from '../deps';
import { type Actor, findUserById, type PublicUser, toPublicUser } from './users';

export async function getMe(deps: Pick<Deps, 'db'>, actor: Actor): Promise<PublicUser> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user) throw new AppError('TOKEN_INVALID', 'Sign in again');
  return toPublicUser(user);
}
