/** The default VitePress theme plus `<RunExample>` for ```ts run``` blocks. */
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import RunExample from './RunExample.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('RunExample', RunExample);
  },
} satisfies Theme;
