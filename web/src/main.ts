import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createApiClient, setApi } from './lib/api';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import { installElement } from './plugins/element';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
const i18n = createAppI18n();
app.use(pinia);
app.use(i18n);
installElement(app);

const session = useSessionStore(pinia);
const router = createAppRouter(() => session);

setApi(
  createApiClient({
    getLocale: () => i18n.global.locale.value,
    getCsrfToken: () => session.csrfToken,
    onUnauthenticated: () => {
      session.clear();
      const current = router.currentRoute.value;
      if (current.name !== 'login') {
        void router.push({ name: 'login', query: { redirect: current.fullPath } });
      }
    },
  }),
);

app.use(router);
document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
