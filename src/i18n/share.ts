import { family } from './family';

/**
 * UI strings of the "Copy link" control every lab and explorer has (`src/components/lab-kit/CopyLink.svelte`);
 * English and 简体中文 side by side. `family` makes a missing or extra Chinese key a type error.
 */
export const share = family({
  en: {
    'share.copy': 'Copy link',
    'share.copied': 'Link copied',
    'share.manual': 'Your browser did not let the page copy. Select the link and copy it:',
    'share.field': 'Link to this lab',
    'share.restored': 'Settings from the link: {list}.',
    'share.rejected': 'This link’s settings could not all be used: {list}. Those keep their usual values.',
    'share.version':
      'This link was made for another version of the book (version “{version}”), so its settings could not be used; the lab shows its usual settings.',
    'share.value': '{label} “{value}”',
    'share.dismiss': 'Dismiss',
    'share.points': 'Drawn points',
  },
  'zh-cn': {
    'share.copy': '复制链接',
    'share.copied': '链接已复制',
    'share.manual': '浏览器不允许页面复制。请选中下面的链接自行复制：',
    'share.field': '此实验的链接',
    'share.restored': '已采用链接中的设置：{list}。',
    'share.rejected': '此链接中的部分设置无法使用：{list}。这些设置保持默认值。',
    'share.version': '此链接来自本书的另一个版本（版本“{version}”），其中的设置无法使用；实验显示默认设置。',
    'share.value': '{label}“{value}”',
    'share.dismiss': '关闭',
    'share.points': '所画的点',
  },
});
