import { CloudClients } from './clients';
import { CliError, ExitCode } from './errors';

/**
 * The account the credentials belong to, from STS `GetCallerIdentity`
 * (`AccountId` in the answer).
 * @throws CliError when STS answers without an account ID
 */
export async function callerAccount(clients: CloudClients, label: string): Promise<string> {
  const body = await clients.rpc('sts', 'GetCallerIdentity');
  const account = body.AccountId;
  if (typeof account !== 'string' || account === '') {
    throw new CliError(`STS GetCallerIdentity for ${label} returned no AccountId`);
  }
  return account;
}

/**
 * Refuses to touch a stack whose literal `env.account` is not the account of
 * the credentials that would deploy it: the classic pipeline accident.
 * @throws CliError naming the stack, both accounts and the fix
 */
export function checkAccount(
  stackName: string,
  expected: string,
  actual: string,
  label: string,
  profileFlagHint: boolean,
): void {
  if (expected === actual) return;
  const fix = profileFlagHint
    ? `pass --profile ${expected}=<profile of that account>`
    : `fix the profile mapped to ${expected} with --profile`;
  throw new CliError(
    `stack '${stackName}' belongs to account ${expected}, but ${label} ${label.startsWith('profile ') ? 'belongs' : 'belong'} to account ${actual}: refusing to touch it (nothing was changed); ${fix}`,
    ExitCode.FAILED,
    'credentials',
  );
}
