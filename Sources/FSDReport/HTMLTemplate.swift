/// The HTML report page and its SVG chart partial, as Mustache templates. The page is also
/// well-formed XML (void elements closed, no named entities but XML's), so it can be checked with
/// any XML parser and embedded elsewhere.
enum HTMLTemplate {
  static let page = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{title}}</title>
<style>
  :root { --ink: #1d2330; --muted: #5d6677; --line: #d9dee7; --panel: #f5f7fa; --accent: #1f5fbf;
          --phantom: #c2410c; --justified: #15803d; --unsure: #a16207; --untagged: #6b7280; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
         background: #fff; font-size: 15px; line-height: 1.45; }
  main { max-width: 1000px; margin: 0 auto; padding: 28px 32px 48px; }
  header { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
  header .kicker { font-size: 13px; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); margin: 0; }
  h1 { font-size: 30px; margin: 4px 0 6px; }
  header .meta { color: var(--muted); font-size: 13px; margin: 0; }
  h2 { font-size: 20px; margin: 34px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
  h3 { font-size: 16px; margin: 0 0 6px; }
  .warnings { display: grid; gap: 8px; margin: 0 0 8px; }
  .warning { border-left: 5px solid var(--unsure); background: #fff8e6; padding: 8px 12px; border-radius: 4px; font-size: 14px; }
  .warning.distance { border-color: var(--accent); background: #eef4ff; }
  .warning.untagged { border-color: var(--untagged); background: var(--panel); }
  .answer { border: 1px solid var(--line); border-left: 5px solid var(--ink); border-radius: 4px; padding: 10px 14px;
            margin: 0 0 14px; }
  .answer h2 { font-size: 17px; margin: 0 0 4px; padding: 0; border: 0; }
  .answer ul { margin: 4px 0 0; padding-left: 20px; }
  .answer p { margin: 0; color: var(--muted); font-size: 13px; }
  .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
  .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
  .card .label { font-size: 13px; color: var(--muted); }
  .card .value { font-size: 28px; font-weight: bold; margin: 2px 0; }
  .card .interval { font-size: 13px; color: var(--ink); }
  .card .detail { font-size: 12px; color: var(--muted); margin-top: 4px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { background: var(--panel); font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td:first-child { white-space: nowrap; }
  table.wide { font-size: 12px; }
  tr.current td { background: #eef4ff; font-weight: 600; }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; align-items: start; }
  ul.breakdown { margin: 0; padding-left: 18px; }
  .chart { margin: 8px 0 4px; }
  .chart svg { width: 100%; height: auto; display: block; }
  .caption { font-size: 12px; color: var(--muted); margin: 2px 0 14px; }
  .event { border: 1px solid var(--line); border-radius: 8px; padding: 14px; margin: 0 0 14px; page-break-inside: avoid; }
  .event-body { display: grid; grid-template-columns: 240px 1fr; gap: 16px; }
  .event img { width: 240px; border-radius: 4px; border: 1px solid var(--line); display: block; }
  .noimage { width: 240px; height: 135px; border: 1px dashed var(--line); border-radius: 4px; color: var(--muted);
             font-size: 12px; display: flex; align-items: center; justify-content: center; text-align: center; padding: 10px; }
  .facts { font-size: 13px; color: var(--muted); margin: 6px 0; }
  .note { font-style: italic; margin: 4px 0; }
  .verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
  .verdict-phantom { background: var(--phantom); }
  .verdict-justified { background: var(--justified); }
  .verdict-unsure { background: var(--unsure); }
  .verdict-untagged { background: var(--untagged); }
  svg text { font-family: "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
  svg .tick { font-size: 11px; fill: var(--muted); }
  svg .tick.current { fill: var(--accent); font-weight: bold; }
  svg .axis-title, svg .panel-title { font-size: 11px; fill: var(--muted); }
  svg .missing { font-size: 10px; fill: var(--untagged); }
  svg .grid { stroke: #e8ebf0; stroke-width: 1; }
  svg .axis { stroke: #8a93a3; stroke-width: 1; }
  svg .whisker { stroke: var(--accent); stroke-width: 1.5; }
  svg .trend { fill: none; stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; opacity: 0.6; }
  svg .point { fill: var(--accent); }
  svg .point.current { fill: var(--phantom); }
  svg .point.thin { fill: #fff; stroke: var(--accent); stroke-width: 1.5; }
  svg .point.current.thin { stroke: var(--phantom); }
  svg .rolling { fill: none; stroke: var(--ink); stroke-width: 2; opacity: 0.75; }
  svg .marker { stroke: var(--justified); stroke-width: 1; stroke-dasharray: 2 3; }
  svg .marker-label { font-size: 10px; fill: var(--justified); }
  svg .speed { fill: none; stroke: var(--accent); stroke-width: 2; }
  svg .accel { fill: none; stroke: var(--phantom); stroke-width: 2; }
  svg .peak { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 3 3; }
  footer { margin-top: 36px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 10px; }
  /* Long names (clip files, notes) wrap rather than widen the page; wide tables scroll in their box. */
  body { overflow-wrap: anywhere; }
  .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  .scroll table { overflow-wrap: normal; }
  @media print { main { padding: 0; } .event { break-inside: avoid; } }
  /* A phone: one column of cards and sections; charts keep a readable size and scroll sideways. */
  @media (max-width: 700px) {
    main { padding: 16px 12px 32px; }
    h1 { font-size: 24px; }
    .cards, .two, .event-body { grid-template-columns: minmax(0, 1fr); }
    .card .value { font-size: 24px; }
    .chart { overflow-x: auto; }
    .chart svg { min-width: 440px; }
    .scroll table.wide { min-width: 900px; }
    .event img, .noimage { width: 100%; max-width: 360px; }
  }
</style>
</head>
<body>
<main>
<header>
  <p class="kicker">fsdlog · monthly report</p>
  <h1>Phantom braking, {{monthName}}</h1>
  <p class="meta">Car-local dates · distances in {{unit}} · speeds in {{speedUnit}} · database {{databaseName}} · intervals are 95 %</p>
</header>
{{#hasAnswers}}
<section class="answer">
  <h2>Is FSD getting better for you?</h2>
  <p>The phantom rate per FSD {{unit}}, with an exact 95 % interval for the ratio.</p>
  <ul>
{{#answers}}
    <li>{{.}}</li>
{{/answers}}
  </ul>
</section>
{{/hasAnswers}}
{{#hasWarnings}}
<section class="warnings">
{{#warnings}}
  <div class="warning {{cls}}"><strong>{{title}}.</strong> {{text}}</div>
{{/warnings}}
</section>
{{/hasWarnings}}

<h2>This month</h2>
<section class="cards">
{{#headlines}}
  <div class="card">
    <div class="label">{{label}}</div>
    <div class="value">{{value}}</div>
    <div class="interval">{{#interval}}95 %: {{interval}}{{/interval}}{{^interval}}&#160;{{/interval}}</div>
    <div class="detail">{{detail}}</div>
  </div>
{{/headlines}}
</section>

<div class="two">
<section>
<h2>Driving</h2>
<div class="scroll"><table>
  <thead><tr><th>mode</th><th class="num">distance</th><th class="num">time</th></tr></thead>
  <tbody>
{{#usage}}
    <tr><td>{{mode}}</td><td class="num">{{distance}}</td><td class="num">{{time}}</td></tr>
{{/usage}}
  </tbody>
</table></div>
<p class="caption">{{usageNote}}</p>
</section>
<section>
<h2>Events</h2>
<ul class="breakdown">
{{#breakdowns}}
  <li><strong>{{title}}:</strong> {{text}}</li>
{{/breakdowns}}
</ul>
</section>
</div>

<h2>Trend</h2>
<div class="two">
<div>
{{#trendChart}}
<div class="chart">{{> chart}}</div>
<p class="caption">{{title}}. Dots are the monthly rates, whiskers their 95 % intervals (Byar's approximation to the exact Poisson interval), hollow where the month's data is thin; the solid line is the rolling three-month rate; green dashed lines mark where each FSD version began; the report month is highlighted.</p>
{{/trendChart}}
{{^trendChart}}
<p class="caption">{{trendMissing}}</p>
{{/trendChart}}
</div>
<div>
{{#shareChart}}
<div class="chart">{{> chart}}</div>
<p class="caption">{{title}}: justified / (justified + phantom) among FSD maneuvers.</p>
{{/shareChart}}
</div>
</div>
<div class="scroll"><table class="wide">
  <thead><tr><th>month</th><th class="num">FSD {{unit}}</th><th class="num">FSD time</th><th class="num">events</th><th class="num">phantom</th><th class="num">justified</th><th class="num">unsure</th><th class="num">untagged</th><th>{{rateTitle}}</th><th>per FSD hour</th><th>justified share</th><th>notes</th></tr></thead>
  <tbody>
{{#history}}
    <tr{{#isCurrent}} class="current"{{/isCurrent}}><td>{{name}}</td><td class="num">{{fsdDistance}}</td><td class="num">{{fsdTime}}</td><td class="num">{{events}}</td><td class="num">{{phantom}}</td><td class="num">{{justified}}</td><td class="num">{{unsure}}</td><td class="num">{{untagged}}</td><td>{{rate}}</td><td>{{perHour}}</td><td>{{share}}</td><td>{{flags}}</td></tr>
{{/history}}
  </tbody>
</table></div>

<h2>By FSD version</h2>
{{#hasVersions}}
<div class="scroll"><table class="wide">
  <thead><tr><th>version</th><th>since</th><th class="num">FSD {{unit}}</th><th class="num">FSD time</th><th class="num">events</th><th class="num">phantom</th><th class="num">justified</th><th class="num">untagged</th><th>{{rateTitle}}</th><th>justified share</th><th>notes</th></tr></thead>
  <tbody>
{{#versions}}
    <tr><td>{{name}}</td><td>{{since}}</td><td class="num">{{fsdDistance}}</td><td class="num">{{fsdTime}}</td><td class="num">{{events}}</td><td class="num">{{phantom}}</td><td class="num">{{justified}}</td><td class="num">{{untagged}}</td><td>{{rate}}</td><td>{{share}}</td><td>{{flags}}</td></tr>
{{/versions}}
  </tbody>
</table></div>
<p class="caption">All data up to the end of {{monthName}}, by the version installed on the day.</p>
{{/hasVersions}}
{{^hasVersions}}
<p class="caption">No FSD versions recorded yet: <code>fsdlog fsd-version add 13.2.1 --since 2026-11-04</code> records one, and this section then compares them.</p>
{{/hasVersions}}

<h2>Top events</h2>
{{#topEvents}}
<article class="event">
  <h3>{{number}}. {{row.title}} <span class="verdict {{row.verdictClass}}">{{row.verdict}}</span></h3>
  <div class="facts">{{row.when}} · event {{row.id}}{{#row.flags}} · tagged {{row.flags}}{{/row.flags}}</div>
  <div class="event-body">
    <div>
{{#hasThumbnail}}
      <img src="{{thumbnailURI}}" alt="front camera, event {{row.id}}" />
{{/hasThumbnail}}
{{^hasThumbnail}}
      <div class="noimage">{{thumbnailCaption}}</div>
{{/hasThumbnail}}
{{#hasThumbnail}}
      <p class="caption">{{thumbnailCaption}}</p>
{{/hasThumbnail}}
    </div>
    <div>
{{#trace}}
      <div class="chart">{{> chart}}</div>
{{/trace}}
{{^trace}}
      <p class="caption">{{traceMissing}}</p>
{{/trace}}
      <div class="facts">{{factsText}}</div>
{{#row.note}}
      <p class="note">“{{row.note}}”</p>
{{/row.note}}
    </div>
  </div>
</article>
{{/topEvents}}
{{^hasTopEvents}}
<p class="caption">No events this month.</p>
{{/hasTopEvents}}

<h2>All events this month</h2>
{{#hasEvents}}
<div class="scroll"><table class="wide">
  <thead><tr><th class="num">ID</th><th>when (car-local)</th><th>kind</th><th>severity</th><th>by</th><th>peak</th><th>speed</th><th>verdict</th><th>flags</th><th>note</th></tr></thead>
  <tbody>
{{#events}}
    <tr><td class="num">{{id}}</td><td>{{when}}</td><td>{{kind}}</td><td>{{severity}}</td><td>{{by}}</td><td>{{peak}}</td><td>{{speed}}</td><td><span class="verdict {{verdictClass}}">{{verdict}}</span></td><td>{{flags}}</td><td>{{note}}</td></tr>
{{/events}}
  </tbody>
</table></div>
<p class="caption">{{eventCount}}, untagged included.</p>
{{/hasEvents}}
{{^hasEvents}}
<p class="caption">None.</p>
{{/hasEvents}}

<footer>Made by fsdlog from {{databaseName}}. Rates count phantom events FSD started on drives with telemetry; shares count only events tagged phantom or justified. Definitions: docs/statistics.md in the fsdlog repository.</footer>
</main>
</body>
</html>
"""#

  /// Any `ChartView`: lines, polylines, circles with tooltips, text.
  static let chart = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-label="{{title}}">
<title>{{title}}</title>
{{#lines}}
<line x1="{{x1}}" y1="{{y1}}" x2="{{x2}}" y2="{{y2}}" class="{{cls}}" />
{{/lines}}
{{#polylines}}
<polyline points="{{points}}" class="{{cls}}" />
{{/polylines}}
{{#circles}}
<circle cx="{{cx}}" cy="{{cy}}" r="{{r}}" class="{{cls}}"><title>{{title}}</title></circle>
{{/circles}}
{{#texts}}
<text x="{{x}}" y="{{y}}" text-anchor="{{anchor}}" class="{{cls}}"{{#transform}} transform="{{transform}}"{{/transform}}>{{text}}</text>
{{/texts}}
</svg>
"""#
}
