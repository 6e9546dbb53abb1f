import { REPORT_CSS } from '@zen-leads/history';

/** The report's stylesheet plus what the dashboard adds (login form, swatches, status line). */
export const DASHBOARD_CSS: string = `${REPORT_CSS}
h3{font-size:15px;margin:20px 0 6px}
header.top{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
header.top form{margin:0}
.status{color:#57606a;font-size:13px;margin:4px 0 12px}
.legend .swatch{margin-right:6px;vertical-align:baseline}
svg.today-users text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1f2328}
form.login{display:flex;flex-direction:column;gap:8px;max-width:360px;margin:16px 0}
form.login input{font:inherit;padding:6px 8px;border:1px solid #d0d7de;border-radius:6px}
button{font:inherit;padding:6px 12px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;cursor:pointer}
.error{color:#cf222e;font-weight:600}
footer{margin-top:32px;color:#57606a;font-size:12px}
`;

/** A small icon, so the browser's automatic favicon request finds something (no 404 in the console). */
export const DASHBOARD_ICON: string =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072B2"/><rect x="3" y="8" width="2" height="5" fill="#fff"/><rect x="7" y="5" width="2" height="8" fill="#fff"/><rect x="11" y="3" width="2" height="10" fill="#fff"/></svg>';
