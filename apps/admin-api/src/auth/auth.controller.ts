import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type AccessToken, AdminAuthService } from '@llmgw/auth';
import { parseRequest } from '../validation/parse-request';
import { loginRequestSchema } from './login.request';

@Controller('admin/auth')
export class AuthController {
  constructor(private readonly auth: AdminAuthService) {}

  /** Brute force is throttled per client IP (ADMIN_LOGIN_ATTEMPTS_PER_MINUTE). */
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  login(@Body() body: unknown): Promise<AccessToken> {
    const { email, password } = parseRequest(loginRequestSchema, body);
    return this.auth.login(email, password);
  }
}
