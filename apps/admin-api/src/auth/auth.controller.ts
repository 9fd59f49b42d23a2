import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { type AccessToken, AdminAuthService } from '@llmgw/auth';
import { parseRequest } from '../validation/parse-request';
import { loginRequestSchema } from './login.request';

@Controller('admin/auth')
export class AuthController {
  constructor(private readonly auth: AdminAuthService) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown): Promise<AccessToken> {
    const { email, password } = parseRequest(loginRequestSchema, body);
    return this.auth.login(email, password);
  }
}
