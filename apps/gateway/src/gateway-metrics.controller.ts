import { Controller } from '@nestjs/common';
import { Public } from '@app/http-api';
import { MetricsEndpoint } from '@app/platform';

/** Open like `/health`: a scraper has no user token, and the figures name no person or referral. */
@Public()
@Controller('metrics')
export class GatewayMetricsController extends MetricsEndpoint {}
