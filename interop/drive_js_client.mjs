// The scenario of tests/official_scenario.py, through Northflank's official JavaScript client
// (@northflank/js-client, pinned in interop/package.json). interop/test_official_js_client.py
// copies this file beside the installed client and runs it:
//   node drive_js_client.mjs BASE_URL TOKEN [TEAM_ID]
// It prints what each step answered, as JSON; the mock's request journal shows the routes.
import { ApiClient, ApiClientInMemoryContextProvider } from '@northflank/js-client';

const [baseUrl, token, team] = process.argv.slice(2);
const PROJECT = 'demo-project';
const EXAMPLE_RUN = '110ddb52-bdcd-482d-8ac2-05ba580afe2f';

function answered(response) {
  if (response.error) {
    throw new Error(`${response.error.status}: ${response.error.message}`);
  }
  return response.data;
}

async function scenario(api) {
  const flow = { projectId: PROJECT, pipelineId: 'demo-pipeline', stage: 'development' };
  const job = { projectId: PROJECT, jobId: 'demo-job' };
  if (team) {
    flow.teamId = team;
    job.teamId = team;
  }
  const page = { per_page: 100 };
  const runs = answered(await api.list.releaseFlowRuns.all({ parameters: flow, options: page }));
  const details = answered(await api.get.releaseFlowRun({ parameters: { ...flow, runId: EXAMPLE_RUN } }));
  const created = answered(await api.run.releaseFlow({ parameters: flow, data: { name: 'Official JS run' } }));
  const aborted = answered(await api.abort.releaseFlowRun({ parameters: { ...flow, runId: created.id } }));
  const builds = answered(await api.get.job.builds.all({ parameters: job, options: page }));
  const missing = await api.get.job.builds({ parameters: { ...job, teamId: 'no-such-team' } });
  return {
    runs: runs.runs.length,
    details: [details.id, details.status],
    created: [created.id, created.status],
    aborted: [aborted.id, aborted.status],
    builds: builds.builds.length,
    unknown_team: missing.error
      ? { status: missing.error.status, message: missing.error.message, id: missing.error.id }
      : {},
  };
}

const contexts = new ApiClientInMemoryContextProvider();
await contexts.addContext({ name: 'mock', token, host: baseUrl });
const api = new ApiClient(contexts, { throwErrorOnHttpErrorCode: false });
console.log(JSON.stringify({ js: await scenario(api) }));
