export { ChartFrame, DataTable, Pager, type ChartFrameProps, type DataTableProps } from './chart-frame';
export { ProductTimelineChart, MARKER_STYLE, type ProductTimelineChartProps } from './product-timeline-chart';
export { PortfolioGapChart, GapHistogram, type PortfolioGapChartProps } from './portfolio-gap-chart';
export { FindingHeatmapChart, type FindingHeatmapChartProps } from './finding-heatmap-chart';
export { FleetExposureChart, readWhatIf, type FleetExposureChartProps, type ForecastFn } from './fleet-exposure-chart';
export { ProductCharts, PortfolioCharts, type ProductChartsProps, type PortfolioChartsProps } from './charts-gallery';
export { serializeChartSvg, svgToPng, exportChart, exportFileName, chartSize, type ExportFormat, type SvgMeta } from './export-chart';
export { OKABE_ITO, CHART_VARS, SEVERITY_LABEL, severityColor, groupColor } from './palette';
export { ProductChartsSection, type ProductChartsSectionProps } from './product-charts-section';
