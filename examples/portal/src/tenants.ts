/**
 * The demo tenants, one per source manual plus one on Monban's default preset (recovery codes),
 * with the temporary member printed at start-up.
 * @module
 */
import type { TenantPresetName } from '@monban/core';

/** A demo tenant: the preset that reproduces its manual, its names and its seeded member. */
export interface DemoTenant {
  /** Tenant ID, also the path segment (`/t/daiwa/`). */
  id: string;
  /** The preset reproducing the manual. */
  preset: TenantPresetName;
  /** Display name in Japanese (TOTP issuer, mails). */
  displayName: string;
  /** English name for the start page. */
  nameEn: string;
  /** Which of the five source manuals it reproduces. */
  manual: string;
  /** Whether members may also sign in with a passkey alone (`passkeySignIn`). */
  passkeySignIn?: boolean;
  /**
   * The seeded member: temporary credentials (the postcard) and the name the insurer keeps,
   * which the portal shows at the top right.
   */
  member: { userId: string; temporaryPassword: string; birthDate: string; name: string };
}

/** Birth date of every seeded member (YYYYMMDD). */
export const DEMO_BIRTH_DATE = '19801201';

export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: 'daiwa',
    preset: 'daiwa',
    displayName: '大和証券グループ健康保険組合',
    nameEn: 'Daiwa Securities Group Health Insurance Society',
    manual: '002 (reference manual)',
    passkeySignIn: true,
    member: {
      userId: 'daiwa0001',
      temporaryPassword: 'Hagaki-Daiwa-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '大和 太郎',
    },
  },
  {
    id: 'jsw',
    preset: 'jsw',
    displayName: '日本製鋼所健康保険組合',
    nameEn: 'Japan Steel Works Health Insurance Society',
    manual: '003',
    member: {
      userId: 'jsw00001',
      temporaryPassword: 'Hagaki-Jsw-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '日鋼 花子',
    },
  },
  {
    id: 'gsyuasa',
    preset: 'gsYuasa',
    displayName: 'GSユアサ健康保険組合',
    nameEn: 'GS Yuasa Health Insurance Society',
    manual: '000',
    member: {
      userId: 'yuasa0001',
      temporaryPassword: 'Hagaki-Yuasa-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '湯浅 一郎',
    },
  },
  {
    id: 'kinkidenshi',
    preset: 'kinkiDenshi',
    displayName: '近畿電子産業健康保険組合',
    nameEn: 'Kinki Denshi Health Insurance Society',
    manual: '001',
    member: {
      userId: 'kinki0001',
      temporaryPassword: 'Hagaki-Kinki-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '近畿 次郎',
    },
  },
  {
    id: 'ajinomoto',
    preset: 'ajinomoto',
    displayName: '味の素健康保険組合',
    nameEn: 'Ajinomoto Health Insurance Society',
    manual: '004',
    member: {
      userId: 'ajino0001',
      temporaryPassword: 'Hagaki-Ajino-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '味の素 桜',
    },
  },
  {
    // Built on Monban's default preset, which adds recovery codes to the manuals' screens
    // (R-REC-1): ten single-use codes shown once after the first factor.
    id: 'standard',
    preset: 'default',
    displayName: 'モンバン標準健康保険組合',
    nameEn: 'Monban Standard Health Insurance Society',
    manual: '— (Monban default, with recovery codes)',
    member: {
      userId: 'std000001',
      temporaryPassword: 'Hagaki-Std-01',
      birthDate: DEMO_BIRTH_DATE,
      name: '門番 太郎',
    },
  },
];

/**
 * The migrated member (JSW manual): password = insurer symbol + number + birth date; the name
 * comes with the migrated record.
 */
export const MIGRATED_MEMBER = {
  tenantId: 'jsw',
  userId: 'jsw12ikou',
  symbol: '12',
  number: '3456789',
  birthDate: DEMO_BIRTH_DATE,
  name: '日鋼 三郎',
} as const;
