// Runs once in jest's main process, so what it prints is never swallowed by a worker. A suite
// that cannot run here says so loudly instead of passing in silence.
module.exports = async () => {
  if (!process.env.KURRENTDB_URL) {
    process.stdout.write(
      '\nSKIPPED: the KurrentDB contract suite (libs/event-store/src/kurrentdb/kurrentdb-event-store.int-spec.ts) ' +
        'did not run because KURRENTDB_URL is unset. Start one with infra/compose/compose.yaml and set ' +
        'KURRENTDB_URL=kurrentdb://127.0.0.1:2113?tls=false to run it.\n\n',
    );
  }
};
