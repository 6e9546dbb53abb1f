/** The report's only stylesheet, inlined: no file or font is fetched, so it opens offline and in mail. */
export const REPORT_CSS: string = `
:root{color-scheme:light}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
main{max-width:1000px;margin:0 auto}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;padding-top:8px;border-top:1px solid #d0d7de}
p.lede{margin:0 0 16px;color:#57606a}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0;padding:0;list-style:none}
.kpis li{box-sizing:border-box;flex:1 1 140px;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
.kpis b{display:block;font-size:20px}
.kpis span{color:#57606a;font-size:12px}
figure{margin:0}
svg.chart{display:block;width:100%;height:auto;max-width:960px}
svg.chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#57606a}
svg.chart .grid{stroke:#eaeef2}
svg.chart .baseline{stroke:#8c959f}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 0;padding:0;list-style:none;font-size:13px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
.legend small{color:#57606a}
.note{color:#57606a;font-size:13px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:12px;min-width:100%}
th,td{padding:4px 6px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th:first-child,td:first-child,.text{text-align:left}
thead th{border-bottom:2px solid #d0d7de;position:sticky;top:0;background:#fff}
tr.missing td{color:#8c959f;font-style:italic}
tfoot td{font-weight:600;border-top:2px solid #d0d7de}
@media print{body{padding:0}h2{break-after:avoid}figure{break-inside:avoid}}
`;
