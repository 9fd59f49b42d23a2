import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { GatewayStatusClient } from './gateway-status.client';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('admin/providers')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class ProviderStatusController {
  constructor(private readonly gateway: GatewayStatusClient) {}

  @Get('status')
  @ApiOperation({ summary: "The router's provider status, read from the gateway (GATEWAY_URL)" })
  status(): Promise<unknown> {
    return this.gateway.routerStatus();
  }
}
