import { Inject } from '@nestjs/common';
import { SQL_CLIENT } from '@vinhdanh/application';

/** The SqlClient read models live in (the WorkflowModule provides it). */
export const InjectReadModels = () => Inject(SQL_CLIENT);
