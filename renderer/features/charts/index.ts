export { ChartFrame, DataTable, Pager, useChartTheme, type ChartFrameProps, type DataTableProps } from './chart-frame';
export { ProductTimelineChart, MARKER_STYLE, type ProductTimelineChartProps } from './product-timeline-chart';
export { PortfolioGapChart, GapHistogram, type PortfolioGapChartProps } from './portfolio-gap-chart';
export { FindingHeatmapChart, type FindingHeatmapChartProps } from './finding-heatmap-chart';
export { FleetExposureChart, readWhatIf, type FleetExposureChartProps, type ForecastFn } from './fleet-exposure-chart';
export { ProductCharts, PortfolioCharts, type ProductChartsProps, type PortfolioChartsProps } from './charts-gallery';
export { composeChartSvg, svgToPng, exportChart, exportFileName, chartSize, textExtents, matrixTo, wrapText, textWidth, type ExportFormat, type ExportTheme, type SvgMeta, type ExportMeta, type ChartExportInfo, type LegendEntry, type LegendMark } from './export-chart';
export { OKABE_ITO, CHART_VARS, SEVERITY_LABEL, severityColor, groupColor, LIGHT_PALETTE, DARK_PALETTE, colourName, type ChartTheme } from './palette';
export { ProductChartsSection, type ProductChartsSectionProps } from './product-charts-section';
