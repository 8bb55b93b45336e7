import { onBeforeUnmount, onMounted, ref } from 'vue';

/** Below this width the side menu becomes a drawer. */
export const MOBILE_MAX_WIDTH = 768;

export function useIsMobile() {
  const isMobile = ref(typeof window !== 'undefined' && window.innerWidth < MOBILE_MAX_WIDTH);
  const update = () => {
    isMobile.value = window.innerWidth < MOBILE_MAX_WIDTH;
  };
  onMounted(() => window.addEventListener('resize', update));
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return isMobile;
}
