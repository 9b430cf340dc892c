// Entry point: the language switch and the page router of one tenant.
import { tenant } from './api.js';
import { resume } from './flow.js';
import { home, logoutConfirm } from './home.js';
import { switchLanguage } from './i18n.js';
import { forgotPassword, forgotUserId, landing, loginScreen } from './login.js';
import { currentPage, setRouter } from './nav.js';
import { settings } from './settings.js';
import { devicesSettings } from './settingsDevices.js';
import { passwordSettings } from './settingsPassword.js';
import { profileSettings } from './settingsProfile.js';
import { sessionsSettings } from './settingsSessions.js';

for (const button of document.querySelectorAll('button.lang')) {
  button.addEventListener('click', () => switchLanguage(button.dataset.lang));
}

const pages = {
  '': resume,
  flow: resume,
  login: () => loginScreen(),
  home,
  logout: logoutConfirm,
  settings,
  'settings/profile': profileSettings,
  'settings/password': passwordSettings,
  'settings/devices': devicesSettings,
  'settings/sessions': sessionsSettings,
  'forgot-password': forgotPassword,
  'forgot-user-id': forgotUserId,
  'verify-email': () => landing('verify-email'),
  'reset-password': () => landing('reset-password'),
  'confirm-email': () => landing('confirm-email'),
};

if (tenant) {
  setRouter(() => (pages[currentPage()] ?? resume)());
  (pages[currentPage()] ?? resume)();
}
