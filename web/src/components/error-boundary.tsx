import { Component, type ComponentChildren } from 'preact';
import { ErrorMessage } from './status.js';

interface State {
  error: Error | null;
}

/** A page that fails to render shows the error in place instead of blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown): void {
    this.setState({ error: error instanceof Error ? error : new Error(String(error)) });
  }

  override render() {
    return this.state.error ? (
      <ErrorMessage error={this.state.error} onRetry={() => this.setState({ error: null })} />
    ) : (
      this.props.children
    );
  }
}
