// Each chaos spec boots real processes and drives bounded loops: generous, but finite.
jest.setTimeout(120_000);
