import { histogramGeometry } from '../charts/histogramChart.js';
import { timeSeriesGeometry } from '../charts/timeSeriesChart.js';

/**
 * The one inline script: tooltips for histograms and time series, read from the embedded
 * `driftwatch-data` block. The page draws fully without it (charts are server-side SVG, and
 * category bars carry native `<title>` tooltips); it only adds the hover figures.
 */
export const reportScript = `(()=>{const el=document.getElementById('driftwatch-data');if(!el)return;let d;try{d=JSON.parse(el.textContent).report}catch(e){return}
const HI=${JSON.stringify(histogramGeometry)},TS=${JSON.stringify(timeSeriesGeometry)};
const tip=document.createElement('div');tip.id='tip';document.body.appendChild(tip);
const num=v=>v==null?'—':typeof v==='string'?v:v!==0&&(Math.abs(v)<1e-4||Math.abs(v)>=1e6)?v.toExponential(3):String(+v.toPrecision(4));
const pct=v=>+(v*100).toPrecision(3)+'%';
const sh=a=>{const t=a.reduce((s,v)=>s+v,0);return a.map(v=>t?v/t:0)};
const text=(svg,x)=>{if(svg.dataset.ts!=null){const c=d.timeSeries[+svg.dataset.ts],k=c.chunks.length,i=Math.floor((x-TS.left)/((TS.width-TS.left-TS.right)/k));if(!(i>=0&&i<k))return null;let s=c.chunks[i]+(c.referencePeriod&&c.referencePeriod[i]?' (reference)':'');for(const l of c.series){s+='\\n'+l.name+': '+num(l.values[i]);if(l.lower&&l.upper)s+=' ['+num(l.lower[i])+', '+num(l.upper[i])+']';if(l.alerts&&l.alerts[i])s+=' ▲ alert'}return s}
const s=d.distributions[+svg.dataset.dist].summary,e=s.edges,n=e.length-1,v=e[0]+(x-HI.left)/(HI.width-HI.left-HI.right)*(e[n]-e[0]);if(!(v>=e[0]&&v<=e[n]))return null;let i=0;while(i<n-1&&v>=e[i+1])i++;const r=sh(s.reference.counts),c=sh(s.current.counts);
return '['+num(e[i])+', '+num(e[i+1])+(i===n-1?']':')')+'\\nreference '+pct(r[i])+' ('+s.reference.counts[i]+')\\ncurrent '+pct(c[i])+' ('+s.current.counts[i]+')'};
document.addEventListener('mousemove',ev=>{const svg=ev.target instanceof Element&&ev.target.closest('svg[data-ts],svg.hist');const t=svg&&text(svg,(ev.clientX-svg.getBoundingClientRect().left)*svg.viewBox.baseVal.width/svg.getBoundingClientRect().width);if(!t){tip.style.display='none';return}
tip.textContent=t;tip.style.display='block';tip.style.left=Math.max(4,Math.min(ev.clientX+14,innerWidth-tip.offsetWidth-8))+'px';tip.style.top=(ev.clientY+16)+'px'})})();`;
