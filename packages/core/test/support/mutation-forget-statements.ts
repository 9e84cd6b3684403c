// Setup file of the core mutation run (vitest.money.config.ts): its worker outlives a mutant, so a
// statement built once (reusableStatement, the hold's shapes) while one mutant was active would stay
// in force for the next mutants. Each test file starts with none built: they are built under its mutant.
import { forgetBuiltStatements } from '@fareway/db';

forgetBuiltStatements();
