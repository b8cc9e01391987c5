import { Logger } from '@nestjs/common';

// Suites provoke failures on purpose; their expected warnings would bury the test report. Assertions, not logs,
// tell whether a test passed.
Logger.overrideLogger(['error']);
