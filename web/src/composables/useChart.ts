import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import type * as echarts from 'echarts/core';

type Init = typeof echarts.init;

/**
 * An ECharts instance on `el`, made on first use, resized with the window and disposed with
 * the component. `render(option)` replaces the whole option (a no-op before `el` is mounted).
 * The caller passes its `echarts.init` (after `echarts.use` of the parts it draws).
 */
export function useChart(el: Ref<HTMLElement | undefined>, init: Init) {
  let chart: echarts.ECharts | null = null;
  const resize = () => chart?.resize();
  onMounted(() => window.addEventListener('resize', resize));
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize);
    chart?.dispose();
  });
  function render(option: echarts.EChartsCoreOption) {
    if (!el.value) return;
    chart ??= init(el.value);
    chart.setOption(option, true);
  }
  return { render };
}
