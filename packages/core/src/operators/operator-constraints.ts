import { registerConstraintError } from '@fareway/db';

// A second bus with the same plate in one operator is a typo, not a server error.
registerConstraintError('buses_registration_key', 'VALIDATION_ERROR', 'This operator already has a bus with that registration number');
