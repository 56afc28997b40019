/// The Markdown report, as a Mustache template (TEXT: nothing is HTML-escaped; free text in table
/// cells comes pre-escaped as `noteMD`).
enum MarkdownTemplate {
  static let text = #"""
{{% CONTENT_TYPE: TEXT}}
# {{title}}

Car-local dates · distances in {{unit}} · speeds in {{speedUnit}} · database `{{databaseName}}`.
Intervals are 95 %: Poisson (Byar) for rates, Wilson for shares (fsdlog's docs/statistics.md defines every figure).
{{#hasAnswers}}

**Is FSD getting better for you?** The phantom rate per FSD {{unit}}, with an exact 95 % interval for the ratio:

{{#answers}}
- {{.}}
{{/answers}}
{{/hasAnswers}}
{{#hasWarnings}}

{{#warnings}}
> **{{title}}.** {{text}}

{{/warnings}}
{{/hasWarnings}}

## This month

| figure | value | 95 % interval | based on |
|---|---:|---|---|
{{#headlines}}
| {{label}} | {{value}} | {{interval}} | {{detail}} |
{{/headlines}}

## Driving

| mode | distance | time |
|---|---:|---:|
{{#usage}}
| {{mode}} | {{distance}} | {{time}} |
{{/usage}}

{{usageNote}}

## Events

{{#breakdowns}}
- **{{title}}:** {{text}}
{{/breakdowns}}

## Trend by month

| month | FSD {{unit}} | FSD time | events | phantom | justified | unsure | untagged | {{rateTitle}} (95 %) | per FSD hour (95 %) | justified share (95 %) | drives without phantom (95 %) | notes |
|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|
{{#history}}
| {{#isCurrent}}**{{name}}**{{/isCurrent}}{{^isCurrent}}{{name}}{{/isCurrent}} | {{fsdDistance}} | {{fsdTime}} | {{events}} | {{phantom}} | {{justified}} | {{unsure}} | {{untagged}} | {{rate}} | {{perHour}} | {{share}} | {{drivesWithout}} | {{flags}} |
{{/history}}

## By FSD version

{{#hasVersions}}
All data up to the end of {{monthName}}, by the version installed on the day (`fsdlog fsd-version list`).

| version | since | FSD {{unit}} | FSD time | events | phantom | justified | unsure | untagged | {{rateTitle}} (95 %) | per FSD hour (95 %) | justified share (95 %) | notes |
|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|
{{#versions}}
| {{name}} | {{since}} | {{fsdDistance}} | {{fsdTime}} | {{events}} | {{phantom}} | {{justified}} | {{unsure}} | {{untagged}} | {{rate}} | {{perHour}} | {{share}} | {{flags}} |
{{/versions}}
{{/hasVersions}}
{{^hasVersions}}
No FSD versions recorded: `fsdlog fsd-version add 13.2.1 --since 2026-11-04` records one, and this section then compares them.
{{/hasVersions}}

## Top events

{{#topEvents}}
### {{number}}. {{row.title}} · {{row.when}} · {{row.verdict}}

- Event {{row.id}}: {{factsMD}}
{{#row.flags}}
- Tagged {{row.flags}}
{{/row.flags}}
{{#row.note}}
- Note: {{row.noteMD}}
{{/row.note}}
- {{thumbnailCaptionMD}}{{#hasThumbnail}} (in the HTML report){{/hasThumbnail}}

{{/topEvents}}
{{^hasTopEvents}}
No events this month.

{{/hasTopEvents}}
## All events this month ({{eventCount}}, untagged included)

{{#hasEvents}}
| ID | when (car-local) | kind | severity | by | peak | speed | verdict | flags | note |
|---:|---|---|---|---|---|---|---|---|---|
{{#events}}
| {{id}} | {{when}} | {{kind}} | {{severity}} | {{by}} | {{peak}} | {{speed}} | {{verdict}} | {{flags}} | {{noteMD}} |
{{/events}}
{{/hasEvents}}
{{^hasEvents}}
None.
{{/hasEvents}}
"""#
}
