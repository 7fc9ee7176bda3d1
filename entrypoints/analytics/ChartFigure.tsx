import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';

// Only the pieces these charts use, so the bundle carries no unused controllers or plugins.
Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** Text and grid colours from the page's theme (light or dark). */
function themeColours(): { text: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--fg').trim() || '#1b1f24',
    grid: style.getPropertyValue('--line').trim() || '#d8dde3',
  };
}

/**
 * One chart with its text alternative. The canvas is an image whose accessible name is the
 * one-sentence `summary`; `children` (a table) carries every number the chart shows, for screen
 * readers, keyboard users and anyone who wants the figures.
 */
export function ChartFigure({
  title,
  summary,
  config,
  children,
  height = 260,
}: {
  title: string;
  summary: string;
  config: ChartConfiguration;
  children: ReactNode;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const { text, grid } = themeColours();
    Chart.defaults.color = text;
    Chart.defaults.borderColor = grid;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);

  return (
    <figure className="chart-figure">
      <figcaption>
        <strong>{title}.</strong> {summary}
      </figcaption>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
      </div>
      {children}
    </figure>
  );
}
