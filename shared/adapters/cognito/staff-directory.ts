import {
  type AttributeType,
  type CognitoIdentityProviderClient,
  paginateListUsersInGroup,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEPARTMENTS, type Department, type Locale } from '../../model/complaint.js';
import type { StaffMember, StaffRole } from '../../policy/types.js';
import { STAFF_ROLES } from '../../policy/types.js';
import type { StaffDirectory } from '../../ports/index.js';
import { DEPARTMENT_ATTRIBUTE, LOCALE_ATTRIBUTE, NAME_ATTRIBUTE } from './attributes.js';

/** ListUsersInGroup's largest page. */
const PAGE_SIZE = 60;

/** Someone in a role group whom the directory leaves out, and why (for the operator's log). */
export interface SkippedUser {
  username: string;
  reason: 'no_email' | 'agent_without_department' | 'unknown_department';
}

/**
 * The staff directory on AWS: the members of the user pool's role groups (one group per role,
 * named as the role). A user in several role groups has the highest of those roles, which is what
 * their token's `cognito:groups` allows too. A disabled user is not staff, nor is one in no role
 * group. A department that is misspelled, or an agent's that is missing, leaves that person out
 * rather than letting the role rules read "no department" as "every department".
 */
export class CognitoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly opts: {
      client: CognitoIdentityProviderClient;
      userPoolId: string;
      onSkipped?: (skipped: SkippedUser) => void;
    },
  ) {}

  async members(): Promise<StaffMember[]> {
    const found = new Map<string, { user: UserType; role: StaffRole }>();
    // Lowest role first: a later, higher group replaces the role of someone already found.
    const groups = await Promise.all(STAFF_ROLES.map(async (role) => ({ role, users: await this.usersIn(role) })));
    for (const { role, users } of groups) {
      for (const user of users) {
        if (user.Username && user.Enabled !== false) found.set(user.Username, { user, role });
      }
    }
    const members: StaffMember[] = [];
    for (const [username, { user, role }] of found) {
      const member = toMember(username, role, user.Attributes ?? []);
      if ('reason' in member) this.opts.onSkipped?.(member);
      else members.push(member);
    }
    return members.sort((a, b) => a.id.localeCompare(b.id));
  }

  private async usersIn(group: StaffRole): Promise<UserType[]> {
    const users: UserType[] = [];
    const pages = paginateListUsersInGroup(
      { client: this.opts.client, pageSize: PAGE_SIZE },
      { UserPoolId: this.opts.userPoolId, GroupName: group },
    );
    for await (const page of pages) users.push(...(page.Users ?? []));
    return users;
  }
}

function toMember(username: string, role: StaffRole, attributes: AttributeType[]): StaffMember | SkippedUser {
  const attribute = (name: string) => attributes.find((a) => a.Name === name)?.Value?.trim() || undefined;
  const email = attribute('email');
  if (!email) return { username, reason: 'no_email' };
  const department = attribute(DEPARTMENT_ATTRIBUTE);
  if (department === undefined && role === 'agent') return { username, reason: 'agent_without_department' };
  if (department !== undefined && !isDepartment(department)) return { username, reason: 'unknown_department' };
  return {
    id: username,
    name: attribute(NAME_ATTRIBUTE) ?? username,
    email,
    role,
    ...(department ? { department } : {}),
    locale: localeOf(attribute(LOCALE_ATTRIBUTE)),
  };
}

function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}

/**
 * Cognito's `locale` is free text: "zh", "zh-CN", "zh_Hans" read as Chinese, any other language as
 * English; none at all as Chinese, the language of the reference documents.
 */
function localeOf(value: string | undefined): Locale {
  if (value === undefined) return 'zh-CN';
  return /^zh(?:$|[-_])/i.test(value) ? 'zh-CN' : 'en';
}
