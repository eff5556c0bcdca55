/**
 * The report's whole style sheet, inlined in `<style>`. Colours are CSS variables switched by
 * `prefers-color-scheme`; the chart palette is Okabe–Ito (reference blue, current orange, alerts
 * vermillion), which stays distinct under the common colour-vision deficiencies, and every state
 * also carries a word or a shape. Charts are styled by class here, which keeps the SVG small.
 */
export const reportStyles = `
:root{--bg:#fff;--fg:#1c2128;--mu:#5d6773;--bd:#d8dde3;--card:#f6f8fa;--grid:#e5e8ec;--ref:#0072b2;--cur:#e69f00;--s2:#cc79a7;--s3:#009e73;--al:#d55e00;--ok:#00795a;--wa:#9a6a00;--alb:#fbe9e1;--okb:#e3f4ee;--wab:#fbf1d9;--inb:#edf1f5;--tb:rgba(0,158,115,.12);--rz:rgba(93,103,115,.1);color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e4e8ec;--mu:#9aa5b1;--bd:#2b323a;--card:#161a1f;--grid:#252b32;--ref:#56b4e9;--cur:#e69f00;--al:#ff7f3f;--ok:#3ccf9b;--wa:#f0c43c;--alb:#3a1f14;--okb:#10302a;--wab:#33290f;--inb:#1d232a;--tb:rgba(60,207,155,.12);--rz:rgba(154,165,177,.12)}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:1.2rem;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--bd)}
h3{font-size:1rem;margin:20px 0 8px}
a{color:var(--ref)}
.sub{margin:0;color:var(--mu);font-size:1.05rem}
.meta{display:flex;flex-wrap:wrap;gap:4px 20px;margin:10px 0 0;padding:0;color:var(--mu);font-size:.88rem;list-style:none}
.meta b{color:var(--fg);font-weight:600}
code{font:.86em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.verdict{display:flex;gap:14px;align-items:center;margin:22px 0 8px;padding:14px 18px;border-radius:8px;border-left:6px solid var(--mu);background:var(--inb)}
.verdict p{margin:0}.vh{font-weight:600;font-size:1.1rem}.vd{color:var(--mu);font-size:.9rem}
.vw{font-weight:700;text-transform:uppercase;font-size:.78rem;letter-spacing:.06em;padding:3px 8px;border-radius:4px;color:var(--bg);background:var(--mu);white-space:nowrap}
.v-alert{border-color:var(--al);background:var(--alb)}.v-alert .vw{background:var(--al)}
.v-ok{border-color:var(--ok);background:var(--okb)}.v-ok .vw{background:var(--ok)}
.v-warning{border-color:var(--wa);background:var(--wab)}.v-warning .vw{background:var(--wa)}
nav{margin:14px 0 0;font-size:.9rem;color:var(--mu)}nav a{margin-right:14px}
.scroll{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;font-size:.9rem}
.data th,.data td{padding:6px 10px;border-bottom:1px solid var(--bd);text-align:left;vertical-align:top}
.data thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--mu);font-weight:600;border-bottom:2px solid var(--bd);white-space:nowrap}
.data tbody th{font-weight:600;overflow-wrap:anywhere}
.data .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.data tr.drifted th{box-shadow:inset 3px 0 var(--al)}
.note{color:var(--mu);font-size:.86rem}.na{color:var(--mu);font-style:italic}
.flag{color:var(--al);font-weight:600}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.76rem;font-weight:600;white-space:nowrap;border:1px solid}
.b-alert{color:var(--al);background:var(--alb)}.b-ok{color:var(--ok);background:var(--okb)}.b-skip{color:var(--mu);background:var(--inb)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:14px}
.card{margin:0;padding:12px 14px 8px;background:var(--card);border:1px solid var(--bd);border-radius:8px;min-width:0}
.card.full{margin-bottom:14px}
figcaption{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-bottom:4px}
.cn{font-weight:600;overflow-wrap:anywhere}.kind{color:var(--mu);font-size:.8rem}
.desc{margin:0 0 4px;color:var(--mu);font-size:.88rem}
.stats{margin:2px 0 0;color:var(--mu);font-size:.8rem}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:6px 0 10px;font-size:.85rem;color:var(--mu)}
.legend span{display:inline-flex;align-items:center;gap:6px}.hint{font-style:italic}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px}
i.ref{background:var(--ref)}i.cur{background:var(--cur)}i.tb{background:var(--tb);border:1px dashed var(--ok)}i.rz{background:var(--rz);border:1px solid var(--bd)}
.ls{display:inline-block;width:22px;border-top:2.5px solid var(--ref)}.ls.s1{border-color:var(--cur)}.ls.s2{border-color:var(--s2)}.ls.s3{border-color:var(--s3)}.ls.da{border-top-style:dashed}
.dm{display:inline-block;width:9px;height:9px;background:var(--al);transform:rotate(45deg)}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
.chart text{font-size:10px;fill:var(--mu);font-family:inherit}
.chart .ya{text-anchor:end}.chart .xa{text-anchor:middle}.chart .yl{text-anchor:middle}.chart .oth{font-style:italic}
.chart .grid{stroke:var(--grid);stroke-width:1;fill:none}.chart .axis{stroke:var(--mu);stroke-width:1;fill:none}
.bar.ref{fill:var(--ref)}.bar.cur{fill:var(--cur)}
.rz{fill:var(--rz)}.chart .rzl{font-size:9px;font-style:italic}
.tb{fill:var(--tb)}.tl{stroke:var(--ok);stroke-width:1.2;stroke-dasharray:5 4;fill:none}
.ln{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}.ln.da{stroke-dasharray:6 4}.ln.mu{opacity:.45}
.pt{fill:none;stroke-width:4.5;stroke-linecap:round}
.ci{stroke:none;opacity:.16}
.s0{stroke:var(--ref)}.s1{stroke:var(--cur)}.s2{stroke:var(--s2)}.s3{stroke:var(--s3)}
.ci.s0{fill:var(--ref)}.ci.s1{fill:var(--cur)}.ci.s2{fill:var(--s2)}.ci.s3{fill:var(--s3)}
.al{fill:var(--al);stroke:var(--bg);stroke-width:1}
.vh-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
#tip{position:fixed;pointer-events:none;z-index:9;padding:6px 9px;border-radius:6px;background:var(--fg);color:var(--bg);font-size:.8rem;line-height:1.35;white-space:pre;display:none}
footer{margin-top:40px;color:var(--mu);font-size:.8rem}
@media print{.verdict,.card{break-inside:avoid}}
`
  .trim()
  .replace(/\n/g, '');
